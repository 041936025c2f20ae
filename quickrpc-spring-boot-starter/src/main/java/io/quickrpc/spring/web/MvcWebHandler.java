package io.quickrpc.spring.web;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.ExecutionException;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.HttpRequestHandler;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.socket.server.HandshakeHandler;
import org.springframework.web.socket.server.support.WebSocketHttpRequestHandler;

/**
 * Serves one {@code web:} path in a Spring MVC application: a WebSocket handshake opens a session
 * that is a peer; a {@code POST} is a JSON-RPC call answered in its response.
 */
final class MvcWebHandler implements HttpRequestHandler, CorsConfigurationSource {

	private final WebTransport transport;

	private final WebSocketHttpRequestHandler webSocket;

	private final CorsConfiguration cors;

	MvcWebHandler(WebTransport transport, HandshakeHandler handshakeHandler) {
		this.transport = transport;
		this.webSocket = new WebSocketHttpRequestHandler(new MvcSocketHandler(transport), handshakeHandler);
		this.cors = WebCors.of(transport);
	}

	@Override
	public void handleRequest(HttpServletRequest request, HttpServletResponse response)
			throws ServletException, IOException {
		if ("GET".equals(request.getMethod()) && "websocket".equalsIgnoreCase(request.getHeader(HttpHeaders.UPGRADE))) {
			this.webSocket.handleRequest(request, response);
		}
		else if ("POST".equals(request.getMethod())) {
			post(request, response);
		}
		else {
			response.setHeader(HttpHeaders.ALLOW, "GET, POST");
			response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED, this.transport
					+ " takes a WebSocket handshake (GET with Upgrade: websocket) or a JSON-RPC call (POST)");
		}
	}

	private void post(HttpServletRequest request, HttpServletResponse response) throws IOException {
		byte[] body;
		try (InputStream in = request.getInputStream()) {
			body = in.readNBytes(this.transport.networkOptions().maxFrameSize() + 1);
		}
		HttpCall.Response answer;
		try {
			answer = HttpCall.run(this.transport, body, request.getUserPrincipal()).get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("Interrupted while waiting for the reply of a call posted to " + this.transport, ex);
		}
		catch (ExecutionException ex) {
			throw new IOException("The call posted to " + this.transport + " failed", ex.getCause());
		}
		response.setStatus(answer.status());
		byte[] json = answer.body();
		if (json != null) {
			response.setContentType(MediaType.APPLICATION_JSON_VALUE);
			response.setContentLength(json.length);
			response.getOutputStream().write(json);
		}
	}

	@Override
	public CorsConfiguration getCorsConfiguration(HttpServletRequest request) {
		return this.cors;
	}

}
