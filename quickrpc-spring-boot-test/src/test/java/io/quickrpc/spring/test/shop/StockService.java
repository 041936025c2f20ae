package io.quickrpc.spring.test.shop;

import org.springframework.stereotype.Service;

import io.quickrpc.IncomingHandler;

/** Counts an item's stock: as many as its name has letters. */
@Service
public class StockService {

	@IncomingHandler
	public int count(String item) {
		return item.length();
	}

}
