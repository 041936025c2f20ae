package io.quickrpc;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of a {@link RemoteApi} interface as a call that we make to the other side
 * through the endpoint's {@linkplain RpcEndpoint#api() proxy}. A {@code void} method sends a
 * notification; a method returning {@code CompletableFuture<T>} or {@code CompletionStage<T>}
 * sends a request and returns at once; any other return type sends a request and waits for the
 * reply, at most for the endpoint's reply timeout. When the endpoint is inverted, the method is
 * {@link Incoming} instead.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Outgoing {

	/**
	 * Whether a call whose {@code params} is a JSON array (positional arguments) is accepted
	 * when the endpoint is inverted and this method becomes incoming.
	 * @return whether positional arguments are accepted
	 */
	boolean allowPositionalArgs() default false;

}
