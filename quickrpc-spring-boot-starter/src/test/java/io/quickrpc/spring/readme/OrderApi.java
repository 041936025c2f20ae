package io.quickrpc.spring.readme;

import io.quickrpc.Incoming;
import io.quickrpc.RemoteApi;

@RemoteApi("orders")
public interface OrderApi {

	@Incoming
	String place(String item);

}
