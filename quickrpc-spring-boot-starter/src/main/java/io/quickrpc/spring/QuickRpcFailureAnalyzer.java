package io.quickrpc.spring;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.Ordered;

import io.quickrpc.RemoteApi;
import io.quickrpc.RpcEndpoint;
import io.quickrpc.spi.InvalidExpressionException;
import io.quickrpc.transport.TransportException;

/**
 * Explains the startup failures a user can fix: the starter's own checks
 * ({@link QuickRpcStartupException}: a missing transport, an invalid expression, a transport that
 * cannot start, handler methods that do not fit, a configured API that does not exist), a
 * {@link RemoteApi} interface injected but not found, and expressions or transports that fail
 * outside the starter. Ordered first, so that Spring Boot's analysis of a missing bean does not
 * answer for a remote API.
 */
class QuickRpcFailureAnalyzer implements FailureAnalyzer, Ordered {

	private final @Nullable BeanFactory beanFactory;

	/**
	 * Creates the analyzer.
	 * @param beanFactory the bean factory of the application that failed, or {@code null}
	 */
	public QuickRpcFailureAnalyzer(@Nullable BeanFactory beanFactory) {
		this.beanFactory = beanFactory;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	public @Nullable FailureAnalysis analyze(Throwable failure) {
		String dependentBean = null;
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof QuickRpcStartupException startup) {
				return new FailureAnalysis(startup.getMessage(), startup.getAction(), startup);
			}
			if (cause instanceof NoSuchBeanDefinitionException missing) {
				FailureAnalysis analysis = remoteApiNotFound(missing, dependentBean);
				if (analysis != null) {
					return analysis;
				}
			}
			else if (cause instanceof BeanCreationException creation && creation.getBeanName() != null) {
				dependentBean = creation.getBeanName();
			}
			if (cause instanceof InvalidExpressionException invalid) {
				return new FailureAnalysis(invalid.getMessage(),
						"Correct the " + invalid.kind() + " expression '" + invalid.expression() + "'. Known "
								+ invalid.kind() + " shorthands: " + String.join(", ", invalid.knownShorthands()) + ".",
						invalid);
			}
			if (cause instanceof TransportException transport) {
				return new FailureAnalysis("A quickrpc transport could not start: " + transport.getMessage(),
						"If a port is in use, stop the process that uses it or configure another port "
								+ "(quickrpc.apis.NAME.transport); if a connection was refused, start the server first, "
								+ "or let the client connect in the background (quickrpc.apis.NAME.fail-fast: false).",
						transport);
			}
		}
		return null;
	}

	/**
	 * Explains a missing bean of a {@link RemoteApi} interface that quickrpc did not find, so
	 * has no endpoint for; leaves other missing beans, such as one with a wrong qualifier, to
	 * Spring Boot.
	 */
	private @Nullable FailureAnalysis remoteApiNotFound(NoSuchBeanDefinitionException missing,
			@Nullable String dependentBean) {
		Class<?> type = missing.getBeanType();
		if (type == null || !type.isInterface() || !type.isAnnotationPresent(RemoteApi.class)
				|| (this.beanFactory instanceof ListableBeanFactory listable
						&& listable.getBeanNamesForType(type, true, false).length > 0)) {
			return null;
		}
		String api = RpcEndpoint.apiName(type);
		List<String> packages = (this.beanFactory != null) ? RemoteApiPackages.get(this.beanFactory) : List.of();
		String apiPackage = type.getPackageName();
		boolean outside = packages.stream()
			.noneMatch((searched) -> apiPackage.equals(searched) || apiPackage.startsWith(searched + "."));
		String description = ((dependentBean != null) ? "Bean '" + dependentBean + "'" : "A bean") + " needs "
				+ type.getName() + ", the @RemoteApi interface of API '" + api + "', but quickrpc did not find it: it "
				+ "searches " + (packages.isEmpty() ? "the application's packages" : "the packages " + packages)
				+ " for @RemoteApi interfaces" + (outside ? ", and " + apiPackage + " is not among them." : ".");
		String action = "Add @EnableQuickRpc(basePackageClasses = " + type.getSimpleName() + ".class) to a "
				+ "@Configuration class, so that quickrpc registers an endpoint and a proxy for it, and set "
				+ "quickrpc.apis." + api + ".transport.";
		return new FailureAnalysis(description, action, missing);
	}

}
