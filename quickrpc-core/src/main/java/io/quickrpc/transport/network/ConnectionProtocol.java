package io.quickrpc.transport.network;

import io.netty.channel.ChannelPipeline;

import io.quickrpc.transport.Transport;

/**
 * What a connection carries over TCP, and TLS if any: a plain byte stream ({@code tcp},
 * {@code tcpserv}) or WebSocket messages ({@code ws}, {@code wss}, {@code wsserv}). Everything
 * else a connection does, its limits, back-pressure and peer events, is the same for both.
 */
interface ConnectionProtocol {

	/** A plain byte stream: what is sent goes out as it is, what is read goes to the listener as it comes. */
	ConnectionProtocol STREAM = new ConnectionProtocol() {

		@Override
		public ConnectionHandler newHandler(Connections connections) {
			return new ConnectionHandler(connections);
		}

		@Override
		public void addHandlers(ChannelPipeline pipeline, ConnectionHandler handler, NetworkOptions options) {
		}

		@Override
		public PeerChannel.Writer writer(Transport.Listener listener) {
			return PeerChannel::writeStream;
		}

	};

	/**
	 * Creates the end of one connection's pipeline.
	 * @param connections the transport's connections
	 * @return the handler, not yet added
	 */
	ConnectionHandler newHandler(Connections connections);

	/**
	 * Adds the handlers that come after TLS and before the connection's handler.
	 * @param pipeline the connection's pipeline
	 * @param handler its handler, added after these
	 * @param options the transport's limits
	 */
	void addHandlers(ChannelPipeline pipeline, ConnectionHandler handler, NetworkOptions options);

	/**
	 * Returns how what is sent to one peer goes into its channel.
	 * @param listener the listener of the transport, which knows how its messages are framed
	 * @return the writer, for one connection
	 */
	PeerChannel.Writer writer(Transport.Listener listener);

}
