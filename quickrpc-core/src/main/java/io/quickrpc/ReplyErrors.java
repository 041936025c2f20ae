package io.quickrpc;

import org.jspecify.annotations.Nullable;

/**
 * Decides what exception an error reply becomes on the calling side: the endpoint's
 * {@link ErrorDecoder} first, then the exception the method declares for it, else the
 * {@link RemoteException} itself.
 */
final class ReplyErrors {

	private final @Nullable ErrorDecoder decoder;

	ReplyErrors(@Nullable ErrorDecoder decoder) {
		this.decoder = decoder;
	}

	Throwable decode(MethodModel method, RemoteException error) {
		ErrorDecoder decoder = this.decoder;
		if (decoder != null) {
			try {
				Throwable decoded = decoder.decode(method.method, error);
				if (decoded != null) {
					return DeclaredErrors.withCause(decoded, error);
				}
			}
			catch (RuntimeException ex) {
				error.addSuppressed(ex);
				return error;
			}
		}
		Throwable declared = method.errors.decode(error);
		return (declared != null) ? declared : error;
	}

	/** Whether a call failed with an error reply, decoded or not. */
	static boolean isErrorReply(Throwable failure) {
		return failure instanceof RemoteException || failure.getCause() instanceof RemoteException;
	}

}
