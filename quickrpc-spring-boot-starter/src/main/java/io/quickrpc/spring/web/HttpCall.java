package io.quickrpc.spring.web;

import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jspecify.annotations.Nullable;

import io.quickrpc.RemoteException;
import io.quickrpc.transport.TransportException;
import tools.jackson.databind.json.JsonMapper;

/**
 * One JSON-RPC call posted over HTTP, served only when the API's codec is {@code jrpc}: a peer of its {@link WebTransport} while the call lasts,
 * whose reply completes the HTTP response. It takes only that reply: notifications the endpoint
 * sends to every peer pass it by, and a call addressed to it fails.
 */
final class HttpCall implements WebPeer {

	/**
	 * What to answer the HTTP request with.
	 * @param status the HTTP status
	 * @param body the JSON body, or {@code null} for none
	 */
	record Response(int status, byte @Nullable [] body) {
	}

	private final @Nullable Principal principal;

	private final CompletableFuture<byte[]> reply = new CompletableFuture<>();

	private volatile String name = "http";

	private HttpCall(@Nullable Principal principal) {
		this.principal = principal;
	}

	/**
	 * Hands a posted body to the transport's endpoint as one frame.
	 * @param transport the transport serving the path
	 * @param body the request body
	 * @param principal the principal the web server authenticated, if any
	 * @return the response: the reply (200), none for notifications (204), or an error, such as
	 * 415 when the API's codec is not {@code jrpc}
	 */
	static CompletableFuture<Response> run(WebTransport transport, byte[] body, @Nullable Principal principal) {
		if (!transport.options().servesPost()) {
			return CompletableFuture.completedFuture(error(415, RemoteException.INVALID_REQUEST, transport
					+ " speaks the codec '" + transport.options().codec().strip() + "', and HTTP POST carries JSON-RPC "
					+ "(codec jrpc) only: send the messages over a WebSocket at the same path instead"));
		}
		if (body.length > transport.networkOptions().maxFrameSize()) {
			return CompletableFuture.completedFuture(tooLarge(transport));
		}
		boolean getsReply = JsonRpcFrames.getsReply(body);
		HttpCall call = new HttpCall(principal);
		String name = transport.connected(call, "http");
		if (name == null) {
			return CompletableFuture.completedFuture(error(503, RemoteException.INTERNAL_ERROR,
					transport + " is not running; try again once the application has started"));
		}
		call.name = name;
		try {
			transport.received(name, body);
		}
		catch (RuntimeException ex) {
			transport.disconnected(name);
			throw ex;
		}
		if (!getsReply) {
			transport.disconnected(name);
			return CompletableFuture.completedFuture(new Response(204, null));
		}
		long timeout = transport.options().replyTimeout().toMillis();
		return call.reply.orTimeout(timeout, TimeUnit.MILLISECONDS).handle((reply, failure) -> {
			transport.disconnected(name);
			if (reply != null) {
				return new Response(200, reply);
			}
			if (failure instanceof TimeoutException) {
				return error(504, RemoteException.INTERNAL_ERROR, "no reply within " + timeout + " ms; the handler "
						+ "is still busy or stuck (quickrpc.apis.NAME.reply-timeout bounds this wait)");
			}
			return error(503, RemoteException.INTERNAL_ERROR, String.valueOf(failure.getMessage()));
		});
	}

	/**
	 * Returns the answer to a body larger than the maximum frame size.
	 * @param transport the transport serving the path
	 * @return status 413 with a JSON-RPC error
	 */
	static Response tooLarge(WebTransport transport) {
		return error(413, RemoteException.INVALID_REQUEST, "the request body has more than "
				+ transport.networkOptions().maxFrameSize() + " bytes, the maximum frame size of " + transport);
	}

	private static Response error(int status, int code, String message) {
		Map<String, Object> error = new LinkedHashMap<>();
		error.put("code", code);
		error.put("message", message);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("jsonrpc", "2.0");
		body.put("error", error);
		body.put("id", null);
		return new Response(status, JsonMapper.shared().writeValueAsString(body).getBytes(StandardCharsets.UTF_8));
	}

	@Override
	public void send(List<byte[]> frames, boolean addressed) {
		if (!addressed || frames.isEmpty()) {
			return;
		}
		// a security header, if the provider signs, comes first: the payload is the last frame
		byte[] payload = frames.get(frames.size() - 1);
		if (JsonRpcFrames.holdsCalls(payload)) {
			throw new TransportException("'" + this.name + "' is an HTTP POST caller: it takes only the reply to its "
					+ "call, not calls or notifications; call a WebSocket peer instead. The message was not sent");
		}
		this.reply.complete(payload);
	}

	@Override
	public void close(int code, String reason) {
		this.reply.completeExceptionally(new TransportException(reason));
	}

	@Override
	public @Nullable Principal principal() {
		return this.principal;
	}

	@Override
	public boolean isDuplex() {
		return false;
	}

}
