package io.quickrpc.spring;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.AnnotationAwareOrderComparator;
import org.springframework.util.ClassUtils;

import io.quickrpc.ExceptionMapper;
import io.quickrpc.IncomingCall;
import io.quickrpc.MappedError;

/**
 * Finds the {@link RpcExceptionHandler} methods of all beans once all singletons exist, and maps
 * the exceptions of an API's handlers with them: first the methods of the handler's own bean,
 * then those of the {@link RpcAdvice} beans that serve the API, in their order, then the
 * {@link BuiltInErrors}.
 */
final class ExceptionAdvice implements SmartInitializingSingleton {

	private final ConfigurableListableBeanFactory beanFactory;

	private volatile Found found = new Found(Map.of(), List.of());

	ExceptionAdvice(ConfigurableListableBeanFactory beanFactory) {
		this.beanFactory = beanFactory;
	}

	@Override
	public void afterSingletonsInstantiated() {
		Map<Object, ExceptionHandlerMethods> local = new IdentityHashMap<>();
		List<AdviceBean> advice = new ArrayList<>();
		for (String beanName : this.beanFactory.getBeanDefinitionNames()) {
			Class<?> type = this.beanFactory.getType(beanName, false);
			if (type == null) {
				continue;
			}
			Class<?> userType = ClassUtils.getUserClass(type);
			Map<Method, RpcExceptionHandler> annotated = MethodIntrospector.selectMethods(userType,
					(MethodIntrospector.MetadataLookup<RpcExceptionHandler>) (method) -> AnnotatedElementUtils
						.findMergedAnnotation(method, RpcExceptionHandler.class));
			if (annotated.isEmpty()) {
				continue;
			}
			Object bean = this.beanFactory.getBean(beanName);
			List<ExceptionHandlerMethod> methods = new ArrayList<>();
			annotated.forEach((method, annotation) -> methods.add(ExceptionHandlerMethod.of(beanName, bean, method,
					annotation)));
			ExceptionHandlerMethods handlers = new ExceptionHandlerMethods(beanName, methods);
			RpcAdvice annotation = AnnotatedElementUtils.findMergedAnnotation(userType, RpcAdvice.class);
			if (annotation != null) {
				advice.add(new AdviceBean(bean, Set.of(annotation.apis()), handlers));
			}
			else {
				local.put(bean, handlers);
			}
		}
		advice.sort((left, right) -> AnnotationAwareOrderComparator.INSTANCE.compare(left.bean, right.bean));
		this.found = new Found(local, List.copyOf(advice));
	}

	/** The mapper for the handlers of one API. */
	ExceptionMapper mapper(String api) {
		return (exception, call, handler) -> map(api, exception, call, handler);
	}

	private @Nullable MappedError map(String api, Throwable exception, IncomingCall call, @Nullable Object handler) {
		Found found = this.found;
		ExceptionHandlerMethods own = (handler != null) ? found.local.get(handler) : null;
		ExceptionHandlerMethod method = (own != null) ? own.find(exception) : null;
		for (int i = 0; method == null && i < found.advice.size(); i++) {
			AdviceBean advice = found.advice.get(i);
			if (advice.apis.isEmpty() || advice.apis.contains(api)) {
				method = advice.handlers.find(exception);
			}
		}
		return (method != null) ? method.handle(exception, call) : BuiltInErrors.map(exception, call);
	}

	/** The handler methods found: those of plain beans by bean, those of advice beans in order. */
	private record Found(Map<Object, ExceptionHandlerMethods> local, List<AdviceBean> advice) {
	}

	private record AdviceBean(Object bean, Set<String> apis, ExceptionHandlerMethods handlers) {
	}

}
