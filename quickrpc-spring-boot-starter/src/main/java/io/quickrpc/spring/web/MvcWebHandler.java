package io.quickrpc.spring.web;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CompletableFuture;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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

	private static final Logger logger = LoggerFactory.getLogger(MvcWebHandler.class);

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

	/** Hands a posted call to the endpoint, and answers it asynchronously: no servlet thread waits for the reply. */
	private void post(HttpServletRequest request, HttpServletResponse response) throws IOException {
		byte[] body;
		try (InputStream in = request.getInputStream()) {
			body = in.readNBytes(this.transport.networkOptions().maxFrameSize() + 1);
		}
		CompletableFuture<HttpCall.Response> answer = HttpCall.run(this.transport, body, request.getUserPrincipal());
		if (answer.isDone()) {
			write(response, answer.join());
			return;
		}
		AsyncContext async = request.startAsync();
		// the call ends by its own reply timeout
		async.setTimeout(0);
		answer.whenComplete((result, failure) -> {
			try {
				if (result != null) {
					write(response, result);
				}
				else {
					response.sendError(HttpServletResponse.SC_INTERNAL_SERVER_ERROR, String.valueOf(failure));
				}
			}
			catch (IOException ex) {
				logger.debug("Could not answer a call posted to {}: {}", this.transport, ex.toString());
			}
			finally {
				async.complete();
			}
		});
	}

	private static void write(HttpServletResponse response, HttpCall.Response answer) throws IOException {
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
