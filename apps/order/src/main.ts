import { runService } from '@portside/service-kit';
import { orderService } from './app';

/** Composition only: runService reads the config, connects, listens, recovers and drains on signals. */
void runService(orderService);
