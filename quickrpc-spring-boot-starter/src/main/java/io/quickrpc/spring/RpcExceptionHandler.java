package io.quickrpc.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.quickrpc.RemoteException;

/**
 * Marks a bean method that turns the exceptions of {@link io.quickrpc.IncomingHandler} methods
 * into error replies, as {@code @ExceptionHandler} does for controllers. In an
 * {@link RpcAdvice} bean it serves the handlers of every API (or of the APIs the advice names);
 * in any other bean, it serves that bean's own handler methods, before any advice.
 * <p>
 * Of the methods of one bean, the one for the closest superclass of the exception is chosen.
 * Its parameters may be the exception (of a type every handled exception fits), the
 * {@link io.quickrpc.IncomingCall} and the {@link io.quickrpc.security.SecurityInfo}. It may
 * return:
 * <ul>
 * <li>a {@link RemoteException}: the error reply;</li>
 * <li>a {@link io.quickrpc.MappedError}: the error reply, and whether it is a failure logged at
 * WARN;</li>
 * <li>{@code void} or {@code null}: an error reply with {@link #code()}, {@link #message()} and
 * {@code data.type} naming the exception class;</li>
 * <li>any other value: an error reply with {@link #code()} and {@link #message()}, the value as
 * its data.</li>
 * </ul>
 * An exception answered this way is an expected outcome of the call: it is logged at DEBUG, not
 * at WARN with its stack trace.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface RpcExceptionHandler {

	/**
	 * The exceptions handled, with their subclasses. Empty means the types of the method's
	 * exception parameters.
	 * @return the exception types
	 */
	Class<? extends Throwable>[] value() default {};

	/**
	 * The code of the error reply, unless the method returns a {@link RemoteException}.
	 * @return the JSON-RPC error code
	 */
	int code() default RemoteException.SERVER_ERROR;

	/**
	 * The message of the error reply, unless the method returns a {@link RemoteException}.
	 * Empty means the exception's message.
	 * @return the message
	 */
	String message() default "";

}
