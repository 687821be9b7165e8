/** Owns the TypeORM connection: entities register themselves per feature, migrations run at start. */
import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';

@Module({})
export class DatabaseModule {
  static forRoot(url: string, pool: { max: number; idleSeconds: number }): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRoot({
          type: 'postgres',
          url,
          autoLoadEntities: true,
          synchronize: false,
          // Migrations run before the app starts (see migrate.ts), under an advisory lock.
          migrationsRun: false,
          extra: { max: pool.max, idleTimeoutMillis: pool.idleSeconds * 1000, application_name: 'fellesplan-api' },
          logging: ['error'],
        }),
      ],
    };
  }
}
