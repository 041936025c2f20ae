package io.quickrpc;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Decides what error reply a handler's exception gets: an exception that is part of the API
 * (annotated {@link RpcError}, or declared by the method) answers with its own code; else the
 * endpoint's {@link ExceptionMapper}s are asked, in order. What neither maps is a failure, answered with
 * {@link RemoteException#SERVER_ERROR} by {@link Replies}.
 */
final class HandlerErrors {

	private final List<ExceptionMapper> mappers;

	HandlerErrors(List<ExceptionMapper> mappers) {
		this.mappers = List.copyOf(mappers);
	}

	/**
	 * Maps a handler's exception, other than a {@link RemoteException}.
	 * @param handler the object whose handler threw, or {@code null} for the default method
	 * @return the mapped error, or {@code null} if the exception is an unexpected failure
	 */
	@Nullable MappedError map(Throwable exception, IncomingCall call, MethodModel method, @Nullable Object handler) {
		RemoteException declared = method.errors.reply(exception);
		if (declared != null && exception.getClass().isAnnotationPresent(RpcError.class)) {
			return MappedError.outcome(declared);
		}
		MappedError mapped = null;
		for (int i = 0; mapped == null && i < this.mappers.size(); i++) {
			try {
				mapped = this.mappers.get(i).map(exception, call, handler);
			}
			catch (RuntimeException ex) {
				// reported with the exception, as a failure
				exception.addSuppressed(ex);
				return null;
			}
		}
		if (mapped == null && declared != null) {
			return MappedError.outcome(declared);
		}
		return mapped;
	}

}
