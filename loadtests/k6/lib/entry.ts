/** What every profile script exports besides its options: setup, the journeys and the summary. */
import { BASE_URL, SUMMARY_DIR } from './config.ts';
import { loadCatalogData, type CatalogData } from './catalog-data.ts';
import { summaryOutputs, type SummaryData } from './summary.ts';

export { browse } from '../journeys/browse.ts';
export { viewProduct } from '../journeys/view-product.ts';
export { addToCart } from '../journeys/add-to-cart.ts';
export { checkout } from '../journeys/checkout.ts';

export function setup(): CatalogData {
  return loadCatalogData();
}

export function summaryFor(profile: string) {
  return (data: SummaryData) => summaryOutputs(data, { profile, baseUrl: BASE_URL }, SUMMARY_DIR);
}
