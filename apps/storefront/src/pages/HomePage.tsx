import { Link } from 'react-router';
import { fetchCategories, searchProducts } from '../api/catalog';
import { ProductGrid } from '../components/ProductCard';
import { Empty, ErrorMessage, Loading } from '../components/Status';
import { useLoad } from '../hooks/useLoad';
import { useTitle } from '../hooks/useTitle';

const FEATURED_COUNT = 8;

function Categories() {
  const categories = useLoad((signal) => fetchCategories(signal), []);
  if (categories.status === 'loading') return <Loading label="Loading categories…" />;
  if (categories.status === 'error')
    return <ErrorMessage error={categories.error} onRetry={categories.retry} />;
  if (categories.data.items.length === 0) return <Empty>No categories yet.</Empty>;
  return (
    <ul className="chips">
      {categories.data.items.map((c) => (
        <li key={c.id}>
          <Link to={`/search?category=${encodeURIComponent(c.slug)}`} className="chip">
            {c.name} <span className="chip__count">{c.productCount}</span>
          </Link>
        </li>
      ))}
    </ul>
  );
}

function Featured() {
  const featured = useLoad(
    (signal) => searchProducts({ sort: 'newest', limit: FEATURED_COUNT }, signal),
    [],
  );
  if (featured.status === 'loading') return <Loading label="Loading products…" />;
  if (featured.status === 'error')
    return <ErrorMessage error={featured.error} onRetry={featured.retry} />;
  if (featured.data.items.length === 0)
    return <Empty>The shelves are empty for now. Come back soon.</Empty>;
  return <ProductGrid products={featured.data.items} label="Featured products" />;
}

export function HomePage() {
  useTitle('');
  return (
    <>
      <h1>Welcome to Portside</h1>
      <section aria-labelledby="categories-heading">
        <h2 id="categories-heading">Shop by category</h2>
        <Categories />
      </section>
      <section aria-labelledby="featured-heading">
        <h2 id="featured-heading">New arrivals</h2>
        <Featured />
        <p>
          <Link to="/search">Browse all products</Link>
        </p>
      </section>
    </>
  );
}
