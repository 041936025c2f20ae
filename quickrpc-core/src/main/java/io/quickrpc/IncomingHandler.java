package io.quickrpc;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of a handler object as the listener of an incoming call. Connect the object
 * with {@link RpcEndpoint#connect(Object)}; in Spring Boot, annotated bean methods are connected
 * for you.
 * <p>
 * The handler's parameters are matched to the call's parameters by name (compile with
 * {@code -parameters}); it may leave some out, may declare a {@link Peer} parameter for the
 * sender, and a {@link io.quickrpc.security.SecurityInfo} or {@link SecInfo} parameter for the security information.
 * Its return value is the reply of a call that has one.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface IncomingHandler {

	/**
	 * Name of the {@link RemoteApi} this handler belongs to. Empty means any API that has an
	 * incoming method of the {@linkplain #method() method name}; used by Spring Boot to choose
	 * among several APIs.
	 * @return the API name, or an empty string
	 */
	String api() default "";

	/**
	 * Name of the incoming method to handle. Defaults to the handler method's own name.
	 * @return the method name, or an empty string for the handler method's name
	 */
	String method() default "";

}
