package io.quickrpc;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of a {@link RemoteApi} interface as a call that the other side makes to us.
 * A non-{@code void} return type means the caller waits for a reply. Connect listeners to it
 * with {@link RpcEndpoint#connect(Object)} or {@link RpcEndpoint#connect(String, IncomingListener)}.
 * When the endpoint is inverted, the method is {@link Outgoing} instead.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Incoming {

	/**
	 * Whether a call whose {@code params} is a JSON array (positional arguments) is accepted
	 * in addition to a JSON object (named arguments).
	 * @return whether positional arguments are accepted
	 */
	boolean allowPositionalArgs() default false;

}
