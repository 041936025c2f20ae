package io.quickrpc;

import java.lang.reflect.Method;

import org.jspecify.annotations.Nullable;

/**
 * Turns an error reply into the exception that the calling method throws (or that its future
 * completes with). Add it with {@link RpcEndpoint.Builder#errorDecoder}.
 * <p>
 * When it returns {@code null}, the next decoder is asked, then the method's {@code throws}
 * clause is tried (see {@link RpcError}), and else the call fails with the
 * {@link RemoteException} itself. An exception it returns gets the {@code RemoteException} as
 * its cause, unless it has one. A checked exception that the method does not declare is thrown
 * wrapped in an {@link RpcException}. It must be safe for concurrent use; an exception it throws is added to
 * the {@code RemoteException} as suppressed, which the call then fails with.
 */
@FunctionalInterface
public interface ErrorDecoder {

	/**
	 * Decodes an error reply.
	 * @param method the interface method that was called
	 * @param error the error reply: code, message and data
	 * @return the exception to throw, or {@code null} to leave the error to the defaults
	 */
	@Nullable Throwable decode(Method method, RemoteException error);

}
