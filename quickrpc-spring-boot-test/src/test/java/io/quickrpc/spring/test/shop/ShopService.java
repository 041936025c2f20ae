package io.quickrpc.spring.test.shop;

import org.springframework.stereotype.Service;

import io.quickrpc.IncomingHandler;

/** Confirms each order, and tells the customers that it shipped. */
@Service
public class ShopService {

	private final ShopApi customers;

	public ShopService(ShopApi customers) {
		this.customers = customers;
	}

	@IncomingHandler
	public String order(String item) {
		this.customers.shipped(item);
		return "ordered " + item;
	}

}
