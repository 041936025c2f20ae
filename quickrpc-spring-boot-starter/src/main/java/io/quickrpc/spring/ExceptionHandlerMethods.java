package io.quickrpc.spring;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.core.ExceptionDepthComparator;
import org.springframework.util.ConcurrentReferenceHashMap;

/**
 * The {@link RpcExceptionHandler} methods of one bean, by the exception type each handles; finds
 * the one for the closest superclass of an exception, and remembers it per exception class.
 */
final class ExceptionHandlerMethods {

	private final Map<Class<? extends Throwable>, ExceptionHandlerMethod> byType = new LinkedHashMap<>();

	private final Map<Class<?>, Optional<ExceptionHandlerMethod>> resolved = new ConcurrentReferenceHashMap<>(16);

	/**
	 * Collects the methods of one bean.
	 * @throws QuickRpcStartupException if two of them handle the same exception type
	 */
	ExceptionHandlerMethods(String beanName, List<ExceptionHandlerMethod> methods) {
		for (ExceptionHandlerMethod method : methods) {
			for (Class<? extends Throwable> type : method.exceptionTypes()) {
				ExceptionHandlerMethod other = this.byType.put(type, method);
				if (other != null) {
					throw new QuickRpcStartupException("Bean '" + beanName + "' has two @RpcExceptionHandler methods "
							+ "for " + type.getName() + ": " + other.description() + " and " + method.description(),
							"Keep one @RpcExceptionHandler method per exception type in a bean.", null, beanName,
							null, null);
				}
			}
		}
	}

	/** The method for the closest superclass of an exception, or {@code null} if none fits. */
	@Nullable ExceptionHandlerMethod find(Throwable exception) {
		return this.resolved.computeIfAbsent(exception.getClass(), (type) -> {
			List<Class<? extends Throwable>> matching = new ArrayList<>();
			for (Class<? extends Throwable> handled : this.byType.keySet()) {
				if (handled.isInstance(exception)) {
					matching.add(handled);
				}
			}
			if (matching.isEmpty()) {
				return Optional.empty();
			}
			matching.sort(new ExceptionDepthComparator(exception));
			return Optional.of(this.byType.get(matching.get(0)));
		}).orElse(null);
	}

}
