package io.quickrpc;

import java.util.List;

/**
 * Decides what exception an error reply becomes on the calling side: the endpoint's
 * {@link ErrorDecoder}s first, in order, then the exception the method declares for it, else the
 * {@link RemoteException} itself.
 */
final class ReplyErrors {

	private final List<ErrorDecoder> decoders;

	ReplyErrors(List<ErrorDecoder> decoders) {
		this.decoders = List.copyOf(decoders);
	}

	Throwable decode(MethodModel method, RemoteException error) {
		for (ErrorDecoder decoder : this.decoders) {
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
