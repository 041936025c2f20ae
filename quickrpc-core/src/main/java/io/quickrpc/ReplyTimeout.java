package io.quickrpc;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.concurrent.TimeUnit;

/**
 * Sets how long a call of one method of a {@link RemoteApi} interface waits for its reply,
 * instead of the endpoint's reply timeout, on whichever side calls it: an {@link Incoming} method
 * is called by an inverted endpoint, an {@link Outgoing} one by a plain endpoint. Only methods
 * with a reply may carry it. A timeout given for the method to the endpoint's builder
 * ({@link RpcEndpoint.Builder#replyTimeout(String, java.time.Duration)}) replaces it.
 * <pre>{@code
 * @Incoming @ReplyTimeout(value = 2, unit = TimeUnit.MINUTES)
 * Report compile(String project);
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface ReplyTimeout {

	/**
	 * How long a call waits for its reply, in {@link #unit()}s.
	 * @return the timeout, positive
	 */
	long value();

	/**
	 * The unit of {@link #value()}.
	 * @return the unit; seconds unless given
	 */
	TimeUnit unit() default TimeUnit.SECONDS;

}
