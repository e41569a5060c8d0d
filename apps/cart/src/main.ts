// service-kit first: its tracing hooks ioredis as it loads.
import { runService } from '@portside/service-kit';
import { cartService } from './app';

/** Composition only: runService reads the config, connects, listens and drains on signals. */
void runService(cartService);
