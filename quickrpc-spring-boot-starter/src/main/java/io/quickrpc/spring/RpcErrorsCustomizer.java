package io.quickrpc.spring;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.BeanFactoryAnnotationUtils;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotationAwareOrderComparator;

import io.quickrpc.ErrorDecoder;
import io.quickrpc.RpcEndpoint;

/**
 * Gives each endpoint its error handling: the {@link ExceptionAdvice} for its handlers'
 * exceptions, and the {@link ErrorDecoder} beans for its calls' error replies, those qualified
 * with its API name first, then those without a qualifier, each group in order. Applied before
 * the application's customizers, whose mappers and decoders are asked after these.
 */
final class RpcErrorsCustomizer implements RpcEndpointBuilderCustomizer, Ordered {

	private final ConfigurableListableBeanFactory beanFactory;

	private final ExceptionAdvice advice;

	RpcErrorsCustomizer(ConfigurableListableBeanFactory beanFactory, ExceptionAdvice advice) {
		this.beanFactory = beanFactory;
		this.advice = advice;
	}

	@Override
	public void customize(String name, RpcEndpoint.Builder<?> builder) {
		builder.exceptionMapper(this.advice.mapper(name));
		decoders(name).forEach(builder::errorDecoder);
	}

	private List<ErrorDecoder> decoders(String api) {
		List<ErrorDecoder> qualified = new ArrayList<>();
		List<ErrorDecoder> global = new ArrayList<>();
		for (String beanName : this.beanFactory.getBeanNamesForType(ErrorDecoder.class)) {
			if (BeanFactoryAnnotationUtils.isQualifierMatch(api::equals, beanName, this.beanFactory)) {
				qualified.add(this.beanFactory.getBean(beanName, ErrorDecoder.class));
			}
			else if (qualifier(beanName) == null) {
				global.add(this.beanFactory.getBean(beanName, ErrorDecoder.class));
			}
		}
		AnnotationAwareOrderComparator.sort(qualified);
		AnnotationAwareOrderComparator.sort(global);
		qualified.addAll(global);
		return qualified;
	}

	private @Nullable Qualifier qualifier(String beanName) {
		return this.beanFactory.findAnnotationOnBean(beanName, Qualifier.class);
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
