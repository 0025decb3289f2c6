// What every route handler receives: the world, the configuration and the parsed request.
import type { IncomingHttpHeaders } from 'node:http';
import type { Logger } from '../../../agent/log';
import type { SimConfig } from '../config/config';
import type { Vm, World } from '../world/types';
import type { Answer } from './error';

/** Shared simulator state. */
export interface SimState {
  /** oned + OneFlow objects. */ world: World;
  /** Server configuration. */ config: SimConfig;
  /** Server log (401 reasons, errors). */ log: Logger;
  /** Called after a user's TOKEN_PASSWORD or a VM set changed, so context files can be rewritten. */ onWorldChange(): void;
}

/** A parsed request. */
export interface Ctx {
  /** Simulator state. */ sim: SimState;
  /** HTTP method (HEAD already mapped to GET for routing). */ method: string;
  /** Path without the query. */ path: string;
  /** Request headers. */ headers: IncomingHttpHeaders;
  /** Raw body bytes. */ body: Buffer;
  /** Rack params: query, then form body fields, then path captures. */ params: Record<string, string>;
  /** Names of params whose percent-decoded bytes are not UTF-8. */ badUtf8: Set<string>;
  /** Content-Type media type, lower case, without parameters. */ mediaType: string;
  /** True when Rack parsed the body as form fields (7.x then cannot read it again for JSON). */ formParsed: boolean;
  /** The `Host` header. */ host: string;
  /** Request scheme. */ scheme: string;
}

/** A route: given the authenticated VM, returns the status and body. */
export type Handler = (ctx: Ctx, authVm: Vm) => Answer;
