package io.quickrpc.transport.network;

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

}
