package io.quickrpc.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.stereotype.Component;

/**
 * Marks a bean whose {@link RpcExceptionHandler} methods serve the handlers of every API, or of
 * the APIs it names, as {@code @ControllerAdvice} does for controllers. Advice beans are asked in
 * the order of {@link org.springframework.core.annotation.Order @Order} or
 * {@link org.springframework.core.Ordered}; the first with a method for the exception answers.
 * Exceptions that no advice handles fall to the built-in mappings: validation failures and
 * {@link IllegalArgumentException} become {@link io.quickrpc.RemoteException#INVALID_PARAMS},
 * anything else {@link io.quickrpc.RemoteException#SERVER_ERROR}, logged at WARN.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Component
public @interface RpcAdvice {

	/**
	 * The names of the APIs whose handlers this advice serves. Empty means all.
	 * @return the API names
	 */
	String[] apis() default {};

}
