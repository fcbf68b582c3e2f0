export { magma, viridis, inferno, greys, COLORMAPS, colorIndex, type Colormap } from "./colormap";
export { rasterPixels, RASTER_DEFAULTS, type RasterOptions } from "./raster";
export { raster, isRaster, type Raster } from "./raster-data";
export { isView, type View } from "./view";
export { slider, choice, checkbox, isControl, type Control } from "./controls";
