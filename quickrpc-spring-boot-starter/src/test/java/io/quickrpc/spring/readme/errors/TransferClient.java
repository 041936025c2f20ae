package io.quickrpc.spring.readme.errors;

import org.springframework.stereotype.Component;

import io.quickrpc.RemoteException;

// README "Errors": the client, on an inverted endpoint of the same API
@Component
public class TransferClient {

	private final TransferApi transfers;

	public TransferClient(TransferApi transfers) {
		this.transfers = transfers;
	}

	public String pay(String from, long cents) {
		try {
			return "left: " + this.transfers.transfer(from, "shop", cents);
		}
		catch (InsufficientFundsException ex) {                    // thrown as itself
			return "declined: " + ex.getMessage();
		}
		catch (RemoteException ex) {                               // any other error reply
			return "error " + ex.code() + ": " + ex.remoteMessage() + " " + ex.data();
		}
	}

}
