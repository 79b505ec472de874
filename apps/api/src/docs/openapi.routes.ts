import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { routeKey } from '../auth/access-rules';

/** One route as Nest registered it: the access-rule key, the OpenAPI path and what the handler reads. */
export interface RouteInfo {
  /** `METHOD /path/:param`, the key of ACCESS_RULES. */
  key: string;
  method: string;
  /** `/path/{param}`. */
  path: string;
  pathParams: string[];
  operationId: string;
  readsQuery: boolean;
  readsBody: boolean;
}

type ControllerClass = { name: string; prototype: Record<string, unknown> };

/** The routes of the given controller classes, from Nest's own metadata (the same the router and the guard use). */
export function routesOf(controllers: Iterable<ControllerClass>): RouteInfo[] {
  const routes = new Map<string, RouteInfo>();
  for (const c of controllers) {
    for (const name of Object.getOwnPropertyNames(c.prototype)) {
      if (name === 'constructor') continue;
      const handler = c.prototype[name];
      if (typeof handler !== 'function') continue;
      const key = routeKey(c, handler);
      if (!key || routes.has(key)) continue;
      const [method, pattern] = key.split(' ');
      const args = Object.keys((Reflect.getMetadata(ROUTE_ARGS_METADATA, c, name) as Record<string, unknown> | undefined) ?? {})
        .map((k) => Number(k.split(':')[0]));
      routes.set(key, {
        key, method: method.toLowerCase(),
        path: pattern.replace(/:(\w+)/g, '{$1}'),
        pathParams: [...pattern.matchAll(/:(\w+)/g)].map((m) => m[1]),
        operationId: `${c.name.replace(/Controller$/, '')}_${name}`.replace(/^./, (ch) => ch.toLowerCase()),
        readsQuery: args.includes(RouteParamtypes.QUERY),
        readsBody: args.includes(RouteParamtypes.BODY),
      });
    }
  }
  return [...routes.values()].sort((a, b) => a.key.localeCompare(b.key));
}
