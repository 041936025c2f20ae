package io.quickrpc.spring.aot;

import java.math.BigDecimal;
import java.util.List;

import io.quickrpc.Incoming;
import io.quickrpc.Outgoing;
import io.quickrpc.RemoteApi;

/**
 * An API with types of its own, in a package of its own, for the AOT tests.
 */
@RemoteApi("orders")
public interface OrderApi {

	@Incoming
	Receipt place(Order order);

	@Outgoing
	void shipped(List<Receipt> receipts);

	@Incoming
	void cancel(String item) throws NotCancellable;

	record Order(String item, int quantity) {
	}

	record Receipt(String item, BigDecimal total) {
	}

	class NotCancellable extends Exception {

		private static final long serialVersionUID = 1L;

		public NotCancellable(String message) {
			super(message);
		}

	}

}
