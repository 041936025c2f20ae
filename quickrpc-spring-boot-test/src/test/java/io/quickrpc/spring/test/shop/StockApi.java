package io.quickrpc.spring.test.shop;

import io.quickrpc.Incoming;
import io.quickrpc.RemoteApi;

@RemoteApi("stock")
public interface StockApi {

	@Incoming
	int count(String item);

}
