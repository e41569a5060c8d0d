import { runService } from '@portside/service-kit';
import { catalogService } from './app';

/** Composition only: runService reads the config, connects, listens, sweeps and drains on signals. */
void runService(catalogService);
