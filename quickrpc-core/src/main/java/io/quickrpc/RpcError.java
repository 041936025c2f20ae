package io.quickrpc;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares the error code of an exception class that is part of a remote API's contract, so
 * that both sides agree on it.
 * <p>
 * On the side that handles a call, a handler that throws such an exception (or a subclass)
 * answers with an error reply of this {@link #code()}, the exception's message, and
 * {@code data.type} naming the exception class; this is an expected outcome, logged at DEBUG.
 * On the calling side, an interface method that declares the exception in its {@code throws}
 * clause throws it, created from the remote message, when an error reply names its class in
 * {@code data.type} or has this code. The class needs a public constructor taking the message
 * ({@code String}), or the message and a cause ({@code String, Throwable}).
 *
 * <pre>{@code
 * @RpcError(code = 1001)
 * public class InsufficientFundsException extends Exception {
 *     public InsufficientFundsException(String message) { super(message); }
 * }
 * }</pre>
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface RpcError {

	/**
	 * The JSON-RPC error code of the exception; choose one outside the range -32768 to -32000,
	 * which JSON-RPC reserves.
	 * @return the error code
	 */
	int code();

}
