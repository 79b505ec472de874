export * from './case-row.projection';
export * from './case-projection.writer';
export * from './case.queries';
export * from './case-event.entity';
export * from './case-row.entity';
export * from './read-model.data-source';
export * from './read-model.module';
