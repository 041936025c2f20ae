package io.quickrpc;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an interface as a remote API: a set of {@link Incoming} and {@link Outgoing} calls
 * that one side makes and the other side, using the same interface {@linkplain
 * RpcEndpoint.Builder#inverted(boolean) inverted}, receives.
 *
 * <pre>{@code
 * @RemoteApi("echo")
 * public interface EchoApi {
 *     @Incoming void say(@Peer String sender, String text);
 *     @Outgoing void echo(@Peer List<String> receivers, String text);
 *     @Incoming String ping(String text);
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface RemoteApi {

	/**
	 * Name of the API, used as its configuration key. Defaults to the interface's simple name
	 * with a lower-case first letter ({@code EchoApi} becomes {@code echoApi}).
	 * @return the API name, or an empty string for the default
	 */
	String value() default "";

}
