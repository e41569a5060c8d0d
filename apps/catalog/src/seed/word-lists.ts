/** The seeded catalog's vocabulary: each category has its own nouns, qualities and price band. */
export interface CategorySpec {
  slug: string;
  name: string;
  nouns: string[];
  qualities: string[];
  /** Price band in dollars. */
  price: [number, number];
  children?: CategorySpec[];
}

export const ADJECTIVES = [
  'Classic', 'Compact', 'Everyday', 'Premium', 'Essential', 'Modern', 'Heritage', 'Lightweight',
  'Deluxe', 'Rugged', 'Minimal', 'Signature', 'Urban', 'Nordic', 'Coastal', 'Studio', 'Pro', 'Artisan',
];

export const LINES = [
  'Aster', 'Birch', 'Cobalt', 'Drift', 'Ember', 'Fjord', 'Granite', 'Harbor', 'Indigo', 'Juniper',
  'Kestrel', 'Linden', 'Meridian', 'Nimbus', 'Orchard', 'Pioneer', 'Quarry', 'Ridge', 'Summit', 'Tundra',
];

export const OPENINGS = [
  'Designed for daily use,',
  'Built to last,',
  'A customer favourite,',
  'Thoughtfully made,',
  'Made with care,',
  'Simple and dependable,',
];

export const CLOSINGS = [
  'Backed by a two-year warranty.',
  'Ships in recyclable packaging.',
  'Easy to clean and easy to store.',
  'A thoughtful gift for any occasion.',
  'Tested by our team before it reaches the shelf.',
  'Pairs well with the rest of the collection.',
];

export const CATEGORIES: CategorySpec[] = [
  {
    slug: 'electronics', name: 'Electronics', price: [19, 899],
    nouns: ['Charger', 'Power Bank', 'Smart Plug', 'USB Hub', 'Cable Set'],
    qualities: ['fast charging', 'a braided cable', 'overcharge protection', 'an aluminium shell'],
    children: [
      { slug: 'audio', name: 'Audio', price: [29, 449], nouns: ['Headphones', 'Earbuds', 'Speaker', 'Soundbar', 'Turntable'], qualities: ['rich bass', 'active noise cancelling', 'a 30-hour battery', 'Bluetooth 5.3'] },
      { slug: 'computers', name: 'Computers', price: [39, 1499], nouns: ['Keyboard', 'Mouse', 'Monitor', 'Laptop Stand', 'Webcam'], qualities: ['a USB-C connection', 'a quiet mechanism', 'an adjustable height', 'a 4K sensor'] },
      { slug: 'phones', name: 'Phones & Accessories', price: [9, 129], nouns: ['Phone Case', 'Screen Protector', 'Car Mount', 'Wireless Charger', 'Phone Grip'], qualities: ['drop protection', 'a slim profile', 'MagSafe support', 'a matte finish'] },
    ],
  },
  {
    slug: 'kitchen', name: 'Kitchen', price: [8, 249],
    nouns: ['Chef Knife', 'Cutting Board', 'Mixing Bowl Set', 'Spatula', 'Measuring Cups', 'Kettle'],
    qualities: ['dishwasher-safe parts', 'a non-slip grip', 'food-grade materials', 'a stainless steel body'],
    children: [
      { slug: 'cookware', name: 'Cookware', price: [24, 329], nouns: ['Frying Pan', 'Saucepan', 'Dutch Oven', 'Wok', 'Stock Pot'], qualities: ['a ceramic non-stick coating', 'induction compatibility', 'cast iron construction', 'oven-safe handles'] },
      { slug: 'coffee-tea', name: 'Coffee & Tea', price: [12, 399], nouns: ['French Press', 'Pour-Over Set', 'Burr Grinder', 'Teapot', 'Espresso Cups'], qualities: ['a double-wall design', 'borosilicate glass', 'a precise grind setting', 'a drip-free spout'] },
    ],
  },
  {
    slug: 'home', name: 'Home', price: [12, 599],
    nouns: ['Throw Blanket', 'Table Lamp', 'Wall Clock', 'Vase', 'Cushion Cover', 'Storage Basket'],
    qualities: ['soft organic cotton', 'a warm glow', 'hand-finished details', 'a timeless silhouette'],
  },
  {
    slug: 'garden', name: 'Garden', price: [6, 349],
    nouns: ['Pruning Shears', 'Watering Can', 'Planter', 'Garden Hose', 'Seed Starter Kit', 'Trowel'],
    qualities: ['rust-resistant steel', 'UV-stable plastic', 'an ergonomic handle', 'drainage holes'],
  },
  {
    slug: 'sports', name: 'Sports & Fitness', price: [9, 499],
    nouns: ['Yoga Mat', 'Dumbbell Set', 'Jump Rope', 'Resistance Bands', 'Water Bottle', 'Foam Roller'],
    qualities: ['a non-slip surface', 'sweat-resistant materials', 'adjustable resistance', 'a carry strap'],
  },
  {
    slug: 'outdoors', name: 'Outdoors', price: [14, 699],
    nouns: ['Tent', 'Sleeping Bag', 'Headlamp', 'Trekking Poles', 'Camp Stove', 'Daypack'],
    qualities: ['weatherproof seams', 'a packable design', 'a long-lasting battery', 'ripstop nylon'],
  },
  {
    slug: 'clothing', name: 'Clothing', price: [12, 299],
    nouns: ['T-Shirt', 'Hoodie', 'Rain Jacket', 'Chinos', 'Wool Socks', 'Beanie'],
    qualities: ['breathable fabric', 'a relaxed fit', 'recycled fibres', 'reinforced seams'],
  },
  {
    slug: 'books', name: 'Books', price: [7, 59],
    nouns: ['Cookbook', 'Field Guide', 'Novel', 'Travel Journal', 'Sketchbook', 'Atlas'],
    qualities: ['a lay-flat binding', 'full-colour photography', 'acid-free paper', 'a cloth cover'],
  },
  {
    slug: 'toys', name: 'Toys & Games', price: [6, 149],
    nouns: ['Puzzle', 'Building Blocks', 'Board Game', 'Plush Bear', 'Kite', 'Card Game'],
    qualities: ['non-toxic paints', 'rounded edges', 'replayable fun', 'sustainable wood'],
  },
  {
    slug: 'beauty', name: 'Beauty', price: [5, 119],
    nouns: ['Face Serum', 'Hand Cream', 'Lip Balm', 'Shampoo Bar', 'Body Wash', 'Sunscreen'],
    qualities: ['natural ingredients', 'a light fragrance', 'no parabens', 'a refillable bottle'],
  },
  {
    slug: 'office', name: 'Office', price: [3, 699],
    nouns: ['Notebook', 'Desk Organizer', 'Fountain Pen', 'Desk Mat', 'Task Chair', 'Bookends'],
    qualities: ['premium paper', 'a clutter-free layout', 'a smooth nib', 'an ergonomic shape'],
  },
  {
    slug: 'pets', name: 'Pets', price: [5, 189],
    nouns: ['Dog Bed', 'Cat Tree', 'Chew Toy', 'Leash', 'Food Bowl', 'Grooming Brush'],
    qualities: ['washable covers', 'chew-resistant materials', 'a non-slip base', 'reflective stitching'],
  },
];
