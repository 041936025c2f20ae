package io.quickrpc.transport.network;

import java.net.URI;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import io.quickrpc.transport.Transport;

/**
 * Creates network transports with settings that expressions cannot carry.
 */
public final class NetworkTransports {

	private NetworkTransports() {
	}

	/**
	 * Creates a TCP client, as {@code tcp:HOST:PORT} does.
	 * @param host the server's host name or address
	 * @param port the server's port
	 * @param options frame size and keepalive
	 * @return a new transport, not started
	 */
	public static Transport tcpClient(String host, int port, NetworkOptions options) {
		return new TcpClientTransport(host, port, options);
	}

	/**
	 * Creates a TCP server, as {@code tcpserv:IFACE:PORT} does.
	 * @param host the interface to listen on, or {@code null} for all
	 * @param port the port, 0 to let the system choose
	 * @param options frame size and keepalive
	 * @return a new transport, not started
	 */
	public static Transport tcpServer(@Nullable String host, int port, NetworkOptions options) {
		return new TcpServerTransport(host, port, options);
	}

	/**
	 * Creates a WebSocket client, as {@code ws://HOST:PORT/PATH} and {@code wss://HOST:PORT/PATH}
	 * do: one connection, its peer named {@code HOST:PORT}, each frame of the codec one text
	 * message.
	 * @param uri the server's URI, {@code ws://} or {@code wss://}, with its port
	 * @param options the limits, keepalive and event loops; their TLS settings apply to
	 * {@code wss://} only, which without any trusts the JVM's default certificate authorities
	 * @return a new transport, not started
	 */
	public static Transport webSocketClient(URI uri, NetworkOptions options) {
		String scheme = String.valueOf(uri.getScheme()).toLowerCase(Locale.ROOT);
		if (!scheme.equals("ws") && !scheme.equals("wss")) {
			throw new IllegalArgumentException("A WebSocket URI starts with ws:// or wss://, not " + uri);
		}
		if (uri.getHost() == null || uri.getPort() < 0) {
			throw new IllegalArgumentException("A WebSocket URI needs a host and a port, as in ws://localhost:8080/rpc, "
					+ "not " + uri);
		}
		TlsOptions tls = options.tls();
		NetworkOptions effective = options.toBuilder()
			.tls(scheme.equals("ws") ? null : (tls != null) ? tls : TlsOptions.builder().build())
			.build();
		String host = TcpTransportFactory.host(uri.getHost());
		return new TcpClientTransport(host, uri.getPort(), effective, WebSocketProtocol.client(uri), uri.toString());
	}

	/**
	 * Creates a WebSocket server, as {@code wsserv:IFACE:PORT/PATH} does: every connection to the
	 * path is a peer, named by its remote address.
	 * @param host the interface to listen on, or {@code null} for all
	 * @param port the port, 0 to let the system choose
	 * @param path the path clients connect to, such as {@code /rpc}; other paths are answered 404
	 * @param options the limits, keepalive, TLS (for {@code wss://}) and event loops
	 * @return a new transport, not started
	 */
	public static Transport webSocketServer(@Nullable String host, int port, String path, NetworkOptions options) {
		if (!path.startsWith("/")) {
			throw new IllegalArgumentException("A WebSocket path starts with '/', not '" + path + "'");
		}
		return new TcpServerTransport(host, port, options, WebSocketProtocol.server(path),
				"wsserv:" + ((host != null) ? host : "") + ":" + port + path);
	}

}
