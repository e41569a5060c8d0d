import type { Product } from '@portside/contracts';
import { Link } from 'react-router';
import { formatMoney } from '../format/money';

/** Product SVGs are square: fixed width and height keep the grid from jumping as they load. */
export function ProductCard({ product }: { product: Product }) {
  return (
    <li className="card">
      <Link to={`/products/${product.slug}`} className="card__link">
        <img
          src={product.imageUrl}
          alt=""
          width={240}
          height={240}
          loading="lazy"
          className="card__image"
        />
        <span className="card__name">{product.name}</span>
      </Link>
      <span className="card__price">{formatMoney(product.priceCents)}</span>
      {product.stock === 0 && <span className="card__stock">Out of stock</span>}
    </li>
  );
}

export function ProductGrid({ products, label }: { products: readonly Product[]; label: string }) {
  return (
    <ul className="grid" aria-label={label}>
      {products.map((p) => (
        <ProductCard key={p.id} product={p} />
      ))}
    </ul>
  );
}
