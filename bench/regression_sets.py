# Writes the regression evidence sets as train/test CSV pairs that both mlnet-transfer and scikit-learn read, so both
# fit and score exactly the same rows: <out>/<set>/train.csv, test.csv and meta.json (label, categorical and numeric
# columns). Every split is a seeded random 80/20 (numpy default_rng(0)).
#   seattle   data/seattle-weather: temp_max from precipitation, temp_min, wind and weather (categorical; date left out)
#   penguins  data/penguins: body mass from species, island, sex (categorical) and the beak and flipper measurements
#             (the 11 rows with an empty value left out)
#   diabetes  scikit-learn's bundled diabetes data (Efron et al. 2004, raw units): disease progression from 10 measures
#   rotation  the shipped Fashion-MNIST images (data/fashion-mnist-small, train and test folders together, 400 images)
#             each turned by a seeded random angle in [-40, 40] degrees (Pillow, bilinear, black fill = the background):
#             predict the angle from the picture (an image regression whose labels are true by construction)
#
# Usage: /usr/bin/python3 bench/regression_sets.py <out folder> [repo root, default .]
#        (needs Debian's python3-sklearn for diabetes, python3-pil for rotation)
import csv, gzip, json, os, sys
import numpy as np

out, root = sys.argv[1], (sys.argv[2] if len(sys.argv) > 2 else ".")


def split_write(name, header, rows, label, categorical, numeric):
    rng = np.random.default_rng(0)
    order = rng.permutation(len(rows))
    n_test = len(rows) // 5
    test, train = set(order[:n_test].tolist()), order[n_test:]
    folder = os.path.join(out, name)
    os.makedirs(folder, exist_ok=True)
    for part, idx in [("train", sorted(train.tolist())), ("test", sorted(test))]:
        with open(os.path.join(folder, f"{part}.csv"), "w", newline="") as f:
            w = csv.writer(f)
            w.writerow(header)
            w.writerows(rows[i] for i in idx)
    json.dump({"label": label, "categorical": categorical, "numeric": numeric, "train": len(train), "test": n_test},
              open(os.path.join(folder, "meta.json"), "w"))


def seattle():
    rows = list(csv.DictReader(open(f"{root}/data/seattle-weather/seattle-weather.csv")))
    header = ["precipitation", "temp_max", "temp_min", "wind", "weather"]
    split_write("seattle", header, [[r[c] for c in header] for r in rows], "temp_max", ["weather"], ["precipitation", "temp_min", "wind"])


def penguins():
    reader = csv.DictReader(open(f"{root}/data/penguins/penguins.csv"))
    header = reader.fieldnames
    rows = [[r[c] for c in header] for r in reader if all(r[c] != "" for c in header)]
    split_write("penguins", header, rows, "Body Mass (g)", ["Species", "Island", "Sex"],
                ["Beak Length (mm)", "Beak Depth (mm)", "Flipper Length (mm)"])


def diabetes():
    data = "/usr/lib/python3/dist-packages/sklearn/datasets/data"
    x = np.loadtxt(gzip.open(f"{data}/diabetes_data_raw.csv.gz"))
    y = np.loadtxt(gzip.open(f"{data}/diabetes_target.csv.gz"))
    header = ["age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4", "s5", "s6", "progression"]
    rows = [[f"{v:g}" for v in xi] + [f"{yi:g}"] for xi, yi in zip(x, y)]
    split_write("diabetes", header, rows, "progression", [], header[:-1])


def rotation():
    from PIL import Image
    rng = np.random.default_rng(1)
    images_dir = os.path.join(out, "rotation", "images")
    os.makedirs(images_dir, exist_ok=True)
    rows = []
    for part in ["train", "test"]:
        base = f"{root}/data/fashion-mnist-small/{part}"
        for cls in sorted(os.listdir(base)):
            for fname in sorted(os.listdir(os.path.join(base, cls))):
                angle = float(rng.uniform(-40, 40))
                image = Image.open(os.path.join(base, cls, fname)).convert("L")
                turned = image.rotate(angle, resample=Image.BILINEAR, fillcolor=0)
                target = f"{part}-{cls}-{fname}"
                turned.save(os.path.join(images_dir, target))
                rows.append([f"images/{target}", f"{angle:.3f}"])
    split_write("rotation", ["image", "angle"], rows, "angle", [], [])


for make in [seattle, penguins, diabetes, rotation]:
    make()
    print(f"wrote {make.__name__}", file=sys.stderr)
