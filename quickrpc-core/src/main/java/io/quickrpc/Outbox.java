package io.quickrpc;

import java.util.Collection;

import org.jspecify.annotations.Nullable;

import io.quickrpc.codec.Codec;
import io.quickrpc.codec.Message;
import io.quickrpc.security.Security;
import io.quickrpc.transport.Transport;

/**
 * Encodes, signs and sends messages: the one way out of an endpoint.
 */
final class Outbox {

	final Codec codec;

	final Security security;

	private volatile Transport transport;

	Outbox(Codec codec, Security security, Transport transport) {
		this.codec = codec;
		this.security = security;
		this.transport = transport;
	}

	/** The transport messages go out on now; {@link RpcEndpoint#replaceTransport} changes it. */
	Transport transport() {
		return this.transport;
	}

	void transport(Transport transport) {
		this.transport = transport;
	}

	void send(Message message, @Nullable Collection<String> receivers) {
		this.transport.send(this.codec.encode(message, this.security), receivers);
	}

}
