/**
 * quickrpc in the browser: JSON-RPC 2.0 over a WebSocket, one JSON object per text message,
 * named parameters, bytes as {"__bytes": base64}. No dependencies.
 *
 *     import * as quickrpc from '/quickrpc/quickrpc.js';
 *     const rpc = quickrpc.connect('/rpc/echo');
 *     rpc.on('echo', ({text}) => console.log(text));
 *     const reply = await rpc.call('ping', {text: 'hi'});
 *     rpc.notify('say', {text: 'hello'});
 *
 * @module quickrpc
 */

/** JSON-RPC's code for a method the receiver does not know. */
export const METHOD_NOT_FOUND = -32601;

/** JSON-RPC's code for a failure in a handler that gave no code of its own. */
export const SERVER_ERROR = -32000;

/** The other side answered a call with an error: `code`, `message` and `data` are its. */
export class RpcError extends Error {
	/**
	 * @param {number} code the JSON-RPC error code
	 * @param {string} message the error message
	 * @param {*} [data] what the error carries besides, such as a stack trace
	 */
	constructor(code, message, data) {
		super(message);
		this.name = 'RpcError';
		/** @type {number} */
		this.code = code;
		/** @type {*} */
		this.data = data;
	}
}

/**
 * A call got no answer: the connection was lost before the reply, it did not open in time, the
 * reply did not come in time, or the client was closed.
 */
export class ConnectionError extends Error {
	/** @param {string} message what happened */
	constructor(message) {
		super(message);
		this.name = 'ConnectionError';
	}
}

/**
 * How the client reconnects: after the first loss it waits `initialDelay` ms, each further failed
 * attempt multiplies the wait by `multiplier` up to `maxDelay`; `jitter` (0 to 1) takes a random
 * share off each wait, so that many pages do not reconnect at the same instant.
 * @typedef {{initialDelay?: number, maxDelay?: number, multiplier?: number, jitter?: number}} Reconnect
 */

/**
 * @typedef {object} Options
 * @property {Reconnect|false} [reconnect] how to reconnect, or `false` not to
 * @property {number} [timeout] ms a call waits for the connection and its reply, 10000 if not given
 */

const DEFAULT_RECONNECT = {initialDelay: 500, maxDelay: 30000, multiplier: 2, jitter: 0.5};

/**
 * Connects to a quickrpc WebSocket endpoint and keeps the connection up.
 * @param {string} url the endpoint: a path such as '/rpc/echo' (on the page's own origin, ws: or
 *     wss: as the page is http: or https:), or a full ws:// or wss:// URL
 * @param {Options} [options]
 * @returns {Client}
 */
export function connect(url, options = {}) {
	return new Client(url, options);
}

/**
 * One connection to an endpoint, reopened when lost. Dispatches `state` events whose `detail` is
 * the new {@link Client#state}: 'connecting', 'open' or 'closed' (closed for good by
 * {@link Client#close}); while a lost connection waits to reconnect, the state is 'connecting'.
 */
export class Client extends EventTarget {

	/**
	 * @param {string} url see {@link connect}
	 * @param {Options} [options]
	 */
	constructor(url, options = {}) {
		super();
		/** The endpoint's ws: or wss: URL. */
		this.url = webSocketUrl(url);
		this.timeout = options.timeout ?? 10000;
		this.reconnect = (options.reconnect === false) ? null : {...DEFAULT_RECONNECT, ...options.reconnect};
		/** @type {'connecting'|'open'|'closed'} */
		this.state = 'connecting';
		this.handlers = new Map();
		this.pending = new Map();
		this.queued = [];
		this.nextId = 1;
		this.attempts = 0;
		this.socket = null;
		this.retry = null;
		this.open();
	}

	/**
	 * Calls a method of the other side. A call made while the connection is not open waits for it.
	 * @param {string} method the method's name
	 * @param {object|Array} [params] the named parameters (or positional ones, as an array)
	 * @returns {Promise<*>} the result; rejected with an {@link RpcError} when the other side
	 *     answers with an error, with a {@link ConnectionError} when no answer comes
	 */
	call(method, params = {}) {
		if (this.state === 'closed') {
			return Promise.reject(new ConnectionError(`Cannot call ${method}: the client is closed`));
		}
		const id = this.nextId++;
		return new Promise((resolve, reject) => {
			const timer = setTimeout(() => this.settle(id, null,
					new ConnectionError(`No reply to ${method} within ${this.timeout} ms`)), this.timeout);
			this.pending.set(id, {method, resolve, reject, timer, sent: false});
			this.send({jsonrpc: '2.0', method, params, id}, id);
		});
	}

	/**
	 * Sends a notification: a call that gets no reply. Sent when the connection is open; while it
	 * is not, queued until it opens, and dropped with a warning if that takes longer than the
	 * timeout.
	 * @param {string} method the method's name
	 * @param {object|Array} [params] the named parameters (or positional ones, as an array)
	 */
	notify(method, params = {}) {
		if (this.state === 'closed') {
			throw new ConnectionError(`Cannot notify ${method}: the client is closed`);
		}
		this.send({jsonrpc: '2.0', method, params});
	}

	/**
	 * Handles the other side's calls of a method. The handler gets the parameters; what it returns
	 * (or the promise it returns resolves to) is the reply to a request, and an error it throws is
	 * an error reply, with the error's `code` when it is an integer, {@link SERVER_ERROR} otherwise.
	 * @param {string} method the method's name
	 * @param {function(*, {method: string}): *} handler the handler, replacing any earlier one
	 * @returns {function(): void} removes the handler
	 */
	on(method, handler) {
		this.handlers.set(method, handler);
		return () => {
			if (this.handlers.get(method) === handler) {
				this.handlers.delete(method);
			}
		};
	}

	/**
	 * Closes the connection for good; calls waiting for a reply fail.
	 */
	close() {
		this.setState('closed');
		clearTimeout(this.retry);
		const socket = this.socket;
		this.socket = null;
		socket?.close(1000);
		this.failPending('the client is closed', () => true);
	}

	/**
	 * Opens the WebSocket; the connection's end schedules the next attempt.
	 * @private
	 */
	open() {
		const socket = new WebSocket(this.url);
		this.socket = socket;
		socket.onopen = () => {
			this.attempts = 0;
			this.setState('open');
			const queued = this.queued;
			this.queued = [];
			const now = Date.now();
			queued.forEach(({text, id, method, until}) => {
				if (id !== undefined || until >= now) {
					this.transmit(text, id);
				}
				else {
					console.warn(`quickrpc: dropped the notification ${method}: the connection did not open within ${this.timeout} ms`);
				}
			});
		};
		socket.onmessage = (event) => this.receive(event.data);
		socket.onclose = (event) => {
			if (this.socket !== socket) {
				return;
			}
			this.socket = null;
			this.failPending(`the connection to ${this.url} was lost (${event.code}${event.reason ? ' ' + event.reason : ''})`,
					(call) => call.sent);
			if (this.state === 'closed') {
				return;
			}
			if (!this.reconnect) {
				this.close();
				return;
			}
			this.setState('connecting');
			this.retry = setTimeout(() => this.open(), this.delay());
		};
	}

	/**
	 * @returns {number} ms to wait before the next connection attempt
	 * @private
	 */
	delay() {
		const {initialDelay, maxDelay, multiplier, jitter} = this.reconnect;
		const delay = Math.min(maxDelay, initialDelay * Math.pow(multiplier, this.attempts++));
		return delay * (1 - jitter * Math.random());
	}

	/**
	 * Sends a message now if the connection is open, else when it opens.
	 * @private
	 * @param {object} message the JSON-RPC message
	 * @param {number} [id] the id of the call it starts, to mark it sent
	 */
	send(message, id) {
		const text = JSON.stringify(message, withBytes);
		if (this.state === 'open') {
			this.transmit(text, id);
		}
		else {
			this.queued.push({text, id, method: message.method, until: Date.now() + this.timeout});
		}
	}

	/** @private */
	transmit(text, id) {
		const call = this.pending.get(id);
		if (id !== undefined && !call) {
			return;
		}
		this.socket.send(text);
		if (call) {
			call.sent = true;
		}
	}

	/**
	 * @param {string} text one received message
	 * @private
	 */
	receive(text) {
		let message;
		try {
			message = JSON.parse(text, toBytes);
		}
		catch (error) {
			console.warn('quickrpc: ignored a message that is not JSON:', text, error);
			return;
		}
		(Array.isArray(message) ? message : [message]).forEach((one) => this.dispatch(one));
	}

	/**
	 * @param {*} message one received message, or one of a batch
	 * @private
	 */
	dispatch(message) {
		if (message === null || typeof message !== 'object') {
			console.warn('quickrpc: ignored a message that is not a JSON object:', message);
		}
		else if (typeof message.method === 'string') {
			this.handle(message);
		}
		else if (message.error) {
			const {code, message: text, data} = message.error;
			this.settle(message.id, null, new RpcError(code, text, data));
		}
		else if ('result' in message) {
			this.settle(message.id, {value: message.result});
		}
		else {
			console.warn('quickrpc: ignored a message that is neither call nor reply:', message);
		}
	}

	/**
	 * Runs the handler of a call from the other side and, for a request, sends the reply.
	 * @private
	 */
	handle({method, params, id}) {
		const handler = this.handlers.get(method);
		const reply = (body) => {
			if (id !== undefined && id !== null && this.state === 'open') {
				this.send({jsonrpc: '2.0', ...body, id});
			}
		};
		if (!handler) {
			if (id === undefined) {
				console.warn(`quickrpc: no handler for the notification ${method}; register one with on('${method}', ...)`);
			}
			reply({error: {code: METHOD_NOT_FOUND, message: `Method not found: ${method}`}});
			return;
		}
		new Promise((resolve) => resolve(handler(params, {method})))
			.then((result) => reply({result: result ?? null}),
				(error) => {
					if (id === undefined) {
						console.error(`quickrpc: the handler of ${method} failed:`, error);
					}
					reply({error: {
						code: Number.isInteger(error?.code) ? error.code : SERVER_ERROR,
						message: String(error?.message ?? error),
						...(error?.data !== undefined ? {data: error.data} : {}),
					}});
				});
	}

	/**
	 * Ends a call with its result ({value}) or its error.
	 * @private
	 */
	settle(id, result, error) {
		const call = this.pending.get(id);
		if (!call) {
			return;
		}
		this.pending.delete(id);
		clearTimeout(call.timer);
		if (error) {
			call.reject(error);
		}
		else {
			call.resolve(result.value);
		}
	}

	/** @private */
	failPending(why, which) {
		for (const [id, call] of this.pending) {
			if (which(call)) {
				this.settle(id, null, new ConnectionError(`No reply to ${call.method}: ${why}`));
			}
		}
		if (this.state === 'closed') {
			this.queued = [];
		}
	}

	/** @private */
	setState(state) {
		if (this.state !== state) {
			this.state = state;
			this.dispatchEvent(new CustomEvent('state', {detail: state}));
		}
	}

}

/**
 * @param {string} url a path or a ws:, wss:, http: or https: URL
 * @returns {string} the ws: or wss: URL, relative to the page
 */
function webSocketUrl(url) {
	const resolved = new URL(url, globalThis.location?.href);
	if (resolved.protocol === 'http:' || resolved.protocol === 'https:') {
		resolved.protocol = resolved.protocol === 'https:' ? 'wss:' : 'ws:';
	}
	return resolved.href;
}

/** JSON.stringify's replacer: bytes become {"__bytes": base64}. */
function withBytes(key, value) {
	if (value instanceof ArrayBuffer || ArrayBuffer.isView(value)) {
		const bytes = new Uint8Array(value instanceof ArrayBuffer ? value : value.buffer, value.byteOffset ?? 0,
				value.byteLength);
		let binary = '';
		for (let i = 0; i < bytes.length; i += 0x8000) {
			binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
		}
		return {__bytes: btoa(binary)};
	}
	return value;
}

/** JSON.parse's reviver: {"__bytes": base64} becomes a Uint8Array. */
function toBytes(key, value) {
	if (value !== null && typeof value === 'object' && typeof value.__bytes === 'string') {
		return Uint8Array.from(atob(value.__bytes), (c) => c.charCodeAt(0));
	}
	return value;
}
