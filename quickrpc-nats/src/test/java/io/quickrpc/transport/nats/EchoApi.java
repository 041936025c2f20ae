package io.quickrpc.transport.nats;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.quickrpc.Incoming;
import io.quickrpc.Outgoing;
import io.quickrpc.Peer;
import io.quickrpc.RemoteApi;

/**
 * The API the NATS tests call: core's test API, with a peer parameter on the requests so that a
 * caller can name the endpoint or leave it to the transport.
 */
@RemoteApi("echo")
public interface EchoApi {

	@Incoming
	void say(@Peer String sender, String text);

	@Outgoing
	void echo(@Peer List<String> receivers, String text);

	@Incoming
	String ping(@Peer String peer, String text);

	@Incoming
	CompletableFuture<String> pingAsync(@Peer String peer, String text);

}
