import { hashOf, initialsOf, productSvg } from './product-image';

const subject = { slug: 'brass-desk-lamp', name: 'Brass Desk Lamp', categorySlugs: ['home'] };

describe('generated product pictures', () => {
  it('are the same bytes for the same product', () => {
    expect(productSvg(subject)).toBe(productSvg({ ...subject }));
  });

  it('take their colour from the slug', () => {
    const other = productSvg({ ...subject, slug: 'steel-desk-lamp' });
    expect(hashOf('brass-desk-lamp') % 360).not.toBe(hashOf('steel-desk-lamp') % 360);
    expect(other).not.toBe(productSvg(subject));
  });

  it('draw a motif of the category, the initials and the name', () => {
    const svg = productSvg(subject);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).toContain('>BD<');
    expect(svg).toContain('Brass Desk Lamp');
    expect(svg).not.toBe(productSvg({ ...subject, categorySlugs: ['books'] }));
  });

  it('prefer the motif of the most specific category that has one', () => {
    const audio = productSvg({ ...subject, categorySlugs: ['audio', 'electronics'] });
    expect(audio).toBe(productSvg({ ...subject, categorySlugs: ['audio'] }));
    expect(audio).not.toBe(productSvg({ ...subject, categorySlugs: ['electronics'] }));
    expect(productSvg({ ...subject, categorySlugs: ['unknown', 'electronics'] })).toBe(
      productSvg({ ...subject, categorySlugs: ['electronics'] }),
    );
  });

  it('escape names so they cannot inject markup', () => {
    const svg = productSvg({ ...subject, name: '<script>alert("x")</script> & Co' });
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&#60;script&#62;');
  });

  it('make initials from the first two words', () => {
    expect(initialsOf('classic birch mouse')).toBe('CB');
    expect(initialsOf('Ünder  - 9 Lives')).toBe('Ü9');
  });
});
