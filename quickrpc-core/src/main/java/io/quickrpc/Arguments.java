package io.quickrpc;

import java.util.List;

import org.jspecify.annotations.Nullable;

import io.quickrpc.codec.Value;
import tools.jackson.core.JsonGenerator;

/**
 * The arguments of a received call, read straight into their declared Java types when it was
 * decoded, or the reason they could not be, answered as error -32602 when the call runs.
 */
final class Arguments implements Value {

	private final MethodModel method;

	private final @Nullable Object[] values;

	private final @Nullable RemoteException failure;

	Arguments(MethodModel method, @Nullable Object[] values, @Nullable RemoteException failure) {
		this.method = method;
		this.values = values;
		this.failure = failure;
	}

	/** The method whose params these are. */
	MethodModel method() {
		return this.method;
	}

	/**
	 * Returns the Java arguments in declaration order, the sender in the peer slot.
	 * @throws RemoteException with {@link RemoteException#INVALID_PARAMS} if they did not fit
	 */
	@Nullable Object[] forCall(String sender) {
		RemoteException failure = this.failure;
		if (failure != null) {
			throw failure;
		}
		if (this.method.peerIndex < 0) {
			return this.values; // read for this call alone, and passed on unchanged
		}
		@Nullable Object[] args = this.values.clone();
		args[this.method.peerIndex] = this.method.peerIsCollection ? List.of(sender) : sender;
		return args;
	}

	@Override
	public void writeTo(JsonGenerator generator) {
		this.method.binding.params(this.values).writeTo(generator);
	}

}
