package io.quickrpc;

import java.util.List;
import java.util.concurrent.CompletableFuture;

@RemoteApi("echo")
public interface EchoApi {

	@Incoming
	void say(@Peer String sender, String text);

	@Outgoing
	void echo(@Peer List<String> receivers, String text);

	@Incoming
	String ping(String text);

	@Incoming
	CompletableFuture<Long> add(long a, long b);

	@Incoming
	String fail(String message);

}
