package io.quickrpc.spring.test.shop;

import io.quickrpc.Incoming;
import io.quickrpc.Outgoing;
import io.quickrpc.RemoteApi;

@RemoteApi("shop")
public interface ShopApi {

	@Incoming
	String order(String item);

	@Outgoing
	void shipped(String item);

}
