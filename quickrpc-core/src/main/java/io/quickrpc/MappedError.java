package io.quickrpc;

/**
 * What an {@link ExceptionMapper} made of a handler's exception: the error reply, and whether
 * the exception is an expected outcome of the call (logged at DEBUG) or a failure (reported to
 * the endpoint's {@link ErrorListener}, which logs it at WARN with its stack trace).
 */
public final class MappedError {

	private final RemoteException reply;

	private final boolean failure;

	private MappedError(RemoteException reply, boolean failure) {
		this.reply = reply;
		this.failure = failure;
	}

	/**
	 * Answers with an error reply for an expected outcome, such as a rejected input or a
	 * business rule: logged at DEBUG only.
	 * @param reply the code, message and data of the error reply
	 * @return the mapped error
	 */
	public static MappedError outcome(RemoteException reply) {
		return new MappedError(reply, false);
	}

	/**
	 * Answers with an error reply for a failure of the handler, which is reported to the error
	 * listener as an unmapped exception is.
	 * @param reply the code, message and data of the error reply
	 * @return the mapped error
	 */
	public static MappedError failure(RemoteException reply) {
		return new MappedError(reply, true);
	}

	/**
	 * Returns the code, message and data of the error reply.
	 * @return the reply
	 */
	public RemoteException reply() {
		return this.reply;
	}

	/**
	 * Returns whether the exception is a failure, reported to the error listener, rather than an
	 * expected outcome.
	 * @return whether it is a failure
	 */
	public boolean isFailure() {
		return this.failure;
	}

}
