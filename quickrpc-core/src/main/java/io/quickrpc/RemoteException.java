package io.quickrpc;

import org.jspecify.annotations.Nullable;


/**
 * The other side answered a call with an error. Carries the JSON-RPC error {@link #code()},
 * the remote {@linkplain #remoteMessage() message} and optional {@link #data()}.
 * <p>
 * A handler may throw it to choose the code, message and data of its error reply; other
 * exceptions get the code of their {@link RpcError} annotation, or what the endpoint's
 * {@link ExceptionMapper}s make of them, else {@link #SERVER_ERROR}. A caller gets it for an
 * error reply that no {@link ErrorDecoder} and no exception in the method's {@code throws}
 * clause stands for.
 */
public class RemoteException extends RpcException {

	private static final long serialVersionUID = 1L;

	/** Invalid JSON was received. */
	public static final int PARSE_ERROR = -32700;

	/** The JSON received is not a valid request object. */
	public static final int INVALID_REQUEST = -32600;

	/** The method does not exist or has no handler. */
	public static final int METHOD_NOT_FOUND = -32601;

	/** Invalid method parameters: unknown or missing names, wrong types. */
	public static final int INVALID_PARAMS = -32602;

	/** Internal error of the receiving endpoint. */
	public static final int INTERNAL_ERROR = -32603;

	/** A handler failed; the message is the handler exception's message. */
	public static final int SERVER_ERROR = -32000;

	/** The security provider rejected the message. */
	public static final int SECURITY_REJECTED = -32001;

	/** Too many calls were waiting for a handler: the endpoint is overloaded; retry later. */
	public static final int OVERLOADED = -32002;

	/** What the Python original sends for every error. */
	public static final int UNSPECIFIED = 0;

	private final int code;

	private final String remoteMessage;

	private final transient @Nullable Object data;

	/**
	 * Creates a remote error.
	 * @param code the JSON-RPC error code
	 * @param remoteMessage the error message as the other side wrote it
	 * @param data additional data, or {@code null}: maps, lists, strings, numbers, booleans,
	 * {@code byte[]}, or any value the endpoint's converters write
	 */
	public RemoteException(int code, String remoteMessage, @Nullable Object data) {
		super("Remote error " + code + ": " + remoteMessage);
		this.code = code;
		this.remoteMessage = remoteMessage;
		this.data = data;
	}

	/**
	 * Creates a remote error without data.
	 * @param code the JSON-RPC error code
	 * @param remoteMessage the error message
	 */
	public RemoteException(int code, String remoteMessage) {
		this(code, remoteMessage, null);
	}

	/**
	 * Returns the JSON-RPC error code, for example {@link #METHOD_NOT_FOUND}.
	 * @return the error code
	 */
	public int code() {
		return this.code;
	}

	/**
	 * Returns the error message as the other side wrote it.
	 * @return the remote message
	 */
	public String remoteMessage() {
		return this.remoteMessage;
	}

	/**
	 * Returns the error's additional data, or {@code null} if there is none. Received data is
	 * plain Java: maps, lists, strings, numbers, booleans and {@code byte[]}.
	 * @return the data, or {@code null}
	 */
	public @Nullable Object data() {
		return this.data;
	}

}
