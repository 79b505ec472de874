import { Module } from '@nestjs/common';
import { DocsController } from './docs.controller';

/** GET /openapi.json and the Swagger UI at GET /docs (public: they describe the API, they hold no data). */
@Module({ controllers: [DocsController] })
export class DocsModule {}
