package io.quickrpc.spring.apis;

import io.quickrpc.Incoming;
import io.quickrpc.Outgoing;
import io.quickrpc.RemoteApi;

@RemoteApi("greeting")
public interface GreetingApi {

	@Incoming
	String greet(String name);

	@Incoming
	void wave(String who);

	@Outgoing
	void greeted(String text);

}
