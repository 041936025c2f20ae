package io.quickrpc;

import org.jspecify.annotations.Nullable;

/**
 * Turns the exception a handler threw into the error reply to its call, and says whether it is
 * an expected outcome or a failure. Add it with {@link RpcEndpoint.Builder#exceptionMapper}.
 * <p>
 * It is asked for every exception other than a {@link RemoteException} (which is the handler's
 * own answer) and an exception whose class is annotated {@link RpcError} (whose code is part of
 * the API). An exception it does not map is answered with {@link RemoteException#SERVER_ERROR}
 * and reported to the endpoint's {@link ErrorListener}, which logs it at WARN. It must be safe
 * for concurrent use; an exception it throws is added to the handler's as suppressed, and the
 * call is answered as if it had returned {@code null}.
 */
@FunctionalInterface
public interface ExceptionMapper {

	/**
	 * Maps a handler's exception.
	 * @param exception what the handler threw
	 * @param call the call it was handling
	 * @param handler the object whose handler method threw ({@link IncomingHandler} methods), the
	 * {@link IncomingListener} that threw, or {@code null} if the interface's default method did
	 * @return the error reply and how to log it, or {@code null} if this mapper does not map the
	 * exception
	 */
	@Nullable MappedError map(Throwable exception, IncomingCall call, @Nullable Object handler);

}
