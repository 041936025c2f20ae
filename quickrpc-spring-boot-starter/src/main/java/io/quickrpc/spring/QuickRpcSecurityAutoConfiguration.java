package io.quickrpc.spring;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.security.core.context.SecurityContextHolder;

import io.quickrpc.spring.web.WebPaths;

/**
 * Spring Security for handlers: when it is on the class path, the handlers of every incoming
 * call run with an {@link org.springframework.security.core.Authentication} made from the call's
 * security information by the {@link QuickRpcAuthenticationConverter} (for a caller of the
 * API's own {@code web:} transport, by default the one the web request was authenticated with),
 * so that method security ({@code @PreAuthorize} with {@code @EnableMethodSecurity}) guards
 * {@code @IncomingHandler} methods; a denial answers with error
 * {@value io.quickrpc.RemoteException#SECURITY_REJECTED}.
 */
@AutoConfiguration
@ConditionalOnClass(SecurityContextHolder.class)
public final class QuickRpcSecurityAutoConfiguration {

	/** After the observation's customizer, so that the observation sees a denial as the call's error. */
	static final int ORDER = QuickRpcObservationAutoConfiguration.ORDER + 100;

	@Bean
	@ConditionalOnMissingBean
	QuickRpcAuthenticationConverter quickRpcAuthenticationConverter(BeanFactory beanFactory,
			ObjectProvider<WebPaths> webPaths) {
		WebPaths paths = webPaths.getIfAvailable();
		return new SecurityInfoAuthenticationConverter(
				(paths != null) ? new WebAuthentications(paths, beanFactory) : null);
	}

	@Bean
	@Order(ORDER)
	RpcEndpointBuilderCustomizer quickRpcSecurityContextCustomizer(QuickRpcAuthenticationConverter converter) {
		SecurityContextCallInterceptor interceptor = new SecurityContextCallInterceptor(converter);
		return (name, builder) -> builder.interceptor(interceptor);
	}

}
