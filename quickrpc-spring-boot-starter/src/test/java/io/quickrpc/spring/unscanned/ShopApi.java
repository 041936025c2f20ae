package io.quickrpc.spring.unscanned;

import io.quickrpc.Incoming;
import io.quickrpc.RemoteApi;

/**
 * A remote API in a package that the tests' applications do not search.
 */
@RemoteApi("shop")
public interface ShopApi {

	@Incoming
	String buy(String item);

}
